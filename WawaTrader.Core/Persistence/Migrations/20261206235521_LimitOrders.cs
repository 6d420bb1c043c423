using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LimitOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "limit_price",
                table: "orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "order_type",
                table: "orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "limit_price",
                table: "decisions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "limit_price",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "order_type",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "limit_price",
                table: "decisions");
        }
    }
}
