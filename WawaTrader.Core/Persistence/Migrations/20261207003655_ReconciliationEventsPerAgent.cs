using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReconciliationEventsPerAgent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "agent",
                table: "reconciliation_events",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "default",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "agent",
                table: "reconciliation_events",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32,
                oldDefaultValue: "default");
        }
    }
}
