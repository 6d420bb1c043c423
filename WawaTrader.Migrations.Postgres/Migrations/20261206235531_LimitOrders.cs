using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Migrations.Postgres.Migrations
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
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "order_type",
                table: "orders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "limit_price",
                table: "decisions",
                type: "numeric",
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
